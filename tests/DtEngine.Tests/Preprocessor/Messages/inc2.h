#warning four
#define M 0
