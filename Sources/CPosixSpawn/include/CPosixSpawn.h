#ifndef CADRE_POSIX_SPAWN_H
#define CADRE_POSIX_SPAWN_H

#include <spawn.h>

/// Closes every descriptor from `lowest` up in the child (glibc's
/// posix_spawn_file_actions_addclosefrom_np, which Swift cannot see without _GNU_SOURCE).
int cadre_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

#endif
