#include <malloc.h>
#include "CAllocator.h"

int cadre_use_one_arena(void) {
    return mallopt(M_ARENA_MAX, 1);
}

int cadre_return_free_memory(void) {
    return malloc_trim(0);
}
