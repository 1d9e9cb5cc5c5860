#ifndef PINS_H
#define PINS_H
#define SOC_PINS 5
#endif
