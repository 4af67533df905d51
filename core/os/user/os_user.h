/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CORE_OS_USER_H
#define CORE_OS_USER_H

/*
 * The user-space host's types for core/os.h.  The core sees only what this
 * file and core/os.h declare; the implementation (the C files beside this one) is an
 * ordinary POSIX program: one virtual CPU, probe context = holding the
 * virtual CPU's recursive lock, cyclics driven by a timer thread.
 */
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <errno.h>
#include <pthread.h>

typedef pthread_mutex_t os_mutex_t;

#endif /* CORE_OS_USER_H */
