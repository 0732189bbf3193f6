# Site configuration, edited by the operator.
ALLOWED_HOSTS = ["*"]
