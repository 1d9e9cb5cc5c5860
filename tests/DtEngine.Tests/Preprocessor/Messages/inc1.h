#warning one
#warning two
#include "inc2.h"
#warning three
