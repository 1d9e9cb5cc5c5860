#define QUIET_BEFORE 2

#pragma GCC system_header
#include "quiet-values.h"
#define QUIET_AFTER 3
