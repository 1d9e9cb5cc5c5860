#define CLOCK_MAIN 1
