// SPDX-License-Identifier: GPL-2.0

//! kbindgen's end-to-end sample: uses the bindings kbindgen generated for
//! this kernel for real, and prints what C would give (tests/kernel/e2e.sh
//! checks the lines): two calls of exported kernel functions, a constant,
//! and a struct with bitfields written through its setters and read back
//! through its getters and as the bytes C lays out.

use kernel::bindings;
use kernel::c_str;
use kernel::prelude::*;

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
        Ok(KbSample)
    }
}

impl Drop for KbSample {
    fn drop(&mut self) {
        pr_info!("exit\n");
    }
}
