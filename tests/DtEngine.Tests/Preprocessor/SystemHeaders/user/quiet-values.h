#define QUIET_VALUE 4
