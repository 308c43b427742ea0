// Used by the -I and -D tests.
#ifndef SCALE_FACTOR
#define SCALE_FACTOR 2
#endif
inline float scaleValue(float x) { return x * SCALE_FACTOR; }
