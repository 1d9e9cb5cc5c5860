#ifndef CLOCK_H
#define CLOCK_H
#include "clock-ids.h"
#define RATE(n) ((n) * 1000)
#endif
