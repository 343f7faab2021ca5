#ifndef CADRE_ALLOCATOR_H
#define CADRE_ALLOCATOR_H

/// glibc's allocator settings, which Swift's Glibc module does not export.

/// mallopt(M_ARENA_MAX, 1): every thread allocates from the main arena. Returns 1 on success.
int cadre_use_one_arena(void);

/// malloc_trim(0): hands the free pages of the arenas back to the kernel. Returns 1 when some
/// memory was released.
int cadre_return_free_memory(void);

#endif
