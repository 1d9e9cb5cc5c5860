/* Interrupt specifiers for a GIC, guarded the usual way. */
#ifndef TEST_DT_BINDINGS_IRQ_GIC_H
#define TEST_DT_BINDINGS_IRQ_GIC_H

#include <dt-bindings/irq/types.h>

#define GIC_SPI 0
#define GIC_PPI 1
#define GIC_CPU_MASK_RAW(x) ((x) << 8)
#define GIC_CPU_MASK_SIMPLE(num) GIC_CPU_MASK_RAW((1 << (num)) - 1)

#endif
