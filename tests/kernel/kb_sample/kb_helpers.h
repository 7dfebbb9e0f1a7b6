/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What kb_sample binds itself, with kbindgen and the kernel's bindgen
 * arguments (tests/kernel/e2e.sh): three static inline functions, through
 * wrappers kbindgen writes (--wrap-static-fns), and three constants
 * bindgen cannot emit (--macro-const-use-ctypes): a typed one (gfp_t), a
 * compound literal (kuid_t) and a pointer.
 */
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/uidgid.h>
