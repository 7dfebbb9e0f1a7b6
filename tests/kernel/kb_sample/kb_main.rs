// SPDX-License-Identifier: GPL-2.0

//! kbindgen's end-to-end sample: uses the bindings kbindgen generated for
//! this kernel for real, and prints what C would give (tests/kernel/e2e.sh
//! checks the lines): two calls of exported kernel functions, a constant,
//! and a struct with bitfields written through its setters and read back
//! through its getters and as the bytes C lays out.  And its own bindings
//! of kb_helpers.h (kb_bindings.rs): three static inline functions called
//! through kbindgen's C wrappers, and three constants that only
//! --macro-const-use-ctypes gives.

use kernel::bindings;
use kernel::c_str;
use kernel::prelude::*;

#[allow(
    dead_code,
    non_camel_case_types,
    non_upper_case_globals,
    non_snake_case,
    improper_ctypes,
    unreachable_pub,
    unsafe_op_in_unsafe_fn,
    missing_docs,
    clippy::all
)]
mod kb {
    // the kernel's bindgen command names the C types ffi::c_int
    use kernel::ffi;
    include!("kb_bindings.rs");
}

module! {
    type: KbSample,
    name: "kb_sample",
    author: "kbindgen",
    description: "Uses kbindgen's bindings: calls, a constant, bitfields",
    license: "GPL",
}

struct KbSample;

impl kernel::Module for KbSample {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        // SAFETY: NUL-terminated strings; simple_strtoul accepts a null end
        // pointer.
        let (len, num) = unsafe {
            (
                bindings::strlen(c_str!("kbindgen").as_char_ptr()),
                bindings::simple_strtoul(c_str!("2026").as_char_ptr(), core::ptr::null_mut(), 10),
            )
        };
        pr_info!("strlen(\"kbindgen\") = {}\n", len);
        pr_info!("simple_strtoul(\"2026\") = {}\n", num);
        pr_info!("EINVAL = {}\n", bindings::EINVAL);

        // struct bpf_insn { __u8 code; __u8 dst_reg:4, src_reg:4; __s16 off;
        // __s32 imm; }: C puts dst_reg in the low nibble of byte 1
        let mut insn = bindings::bpf_insn::default();
        insn.code = 0xb7;
        insn.set_dst_reg(3);
        insn.set_src_reg(7);
        insn.off = -2;
        insn.imm = 0x12345678;
        // SAFETY: bpf_insn is 8 plain bytes.
        let bytes: [u8; 8] = unsafe { core::mem::transmute(insn) };
        pr_info!(
            "bpf_insn dst_reg={} src_reg={} bytes={:02x?}\n",
            insn.dst_reg(),
            insn.src_reg(),
            bytes
        );

        // static inline functions, through the wrappers kb_helper_ERR_PTR,
        // kb_helper_IS_ERR, kb_helper_PTR_ERR
        // SAFETY: they compute on the pointer's value only.
        let (is_err, err) = unsafe {
            let p = kb::ERR_PTR(-22);
            (kb::IS_ERR(p), kb::PTR_ERR(p))
        };
        pr_info!("IS_ERR(ERR_PTR(-22)) = {}, PTR_ERR = {}\n", is_err, err);
        // constants bindgen cannot emit: C's type and value
        let gfp: kb::gfp_t = kb::GFP_KERNEL;
        let root: kb::kuid_t = kb::GLOBAL_ROOT_UID;
        pr_info!(
            "GFP_KERNEL = {:#x}, GLOBAL_ROOT_UID.val = {}, ZERO_SIZE_PTR = {:p}\n",
            gfp,
            root.val,
            kb::ZERO_SIZE_PTR
        );
        Ok(KbSample)
    }
}

impl Drop for KbSample {
    fn drop(&mut self) {
        pr_info!("exit\n");
    }
}
