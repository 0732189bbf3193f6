// libpg_query (Debian's libpg-query-dev): PostgreSQL 15's parser outside the server. Only the
// static archive is installed, so the binary carries it and needs nothing more at run time.
#include <pg_query.h>
