#warning sysw
#define SYSM 2
#define SYSM 4
#if 1
#endif extra
