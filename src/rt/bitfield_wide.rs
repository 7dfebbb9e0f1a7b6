// kbindgen's own support code, emitted only for a bitfield whose bits span
// more than 8 bytes (a 64-bit field at an odd bit offset, in a packed
// record): __BindgenBitfieldUnit's u64 arithmetic cannot reach its top bits.
impl<const N: usize> __BindgenBitfieldUnit<[u8; N]> {
    #[inline]
    pub fn get_wide<const BIT_OFFSET: usize, const BIT_WIDTH: u8>(&self) -> u64 {
        unsafe { Self::raw_get_wide::<BIT_OFFSET, BIT_WIDTH>(self) }
    }
    #[inline]
    pub fn set_wide<const BIT_OFFSET: usize, const BIT_WIDTH: u8>(&mut self, val: u64) {
        unsafe { Self::raw_set_wide::<BIT_OFFSET, BIT_WIDTH>(self, val) }
    }
    #[inline]
    pub unsafe fn raw_get_wide<const BIT_OFFSET: usize, const BIT_WIDTH: u8>(
        this: *const Self,
    ) -> u64 {
        debug_assert!(BIT_WIDTH <= 64);
        debug_assert!((BIT_OFFSET + (BIT_WIDTH as usize) + 7) / 8 <= N);
        let storage_ptr = this as *const u8;
        let start_byte = BIT_OFFSET / 8;
        let bit_shift = BIT_OFFSET % 8;
        let bytes_needed = (BIT_WIDTH as usize + bit_shift + 7) / 8;
        let mut val = 0u128;
        let mut i = 0;
        while i < bytes_needed {
            let mut byte = unsafe { *storage_ptr.add(start_byte + i) };
            if cfg!(target_endian = "big") {
                byte = byte.reverse_bits();
            }
            val |= (byte as u128) << (i * 8);
            i += 1;
        }
        let mut val = (val >> bit_shift) as u64;
        if BIT_WIDTH < 64 {
            val &= (1u64 << BIT_WIDTH) - 1;
        }
        if cfg!(target_endian = "big") {
            val = val.reverse_bits() >> (64 - BIT_WIDTH as usize);
        }
        val
    }
    #[inline]
    pub unsafe fn raw_set_wide<const BIT_OFFSET: usize, const BIT_WIDTH: u8>(
        this: *mut Self,
        val: u64,
    ) {
        debug_assert!(BIT_WIDTH <= 64);
        debug_assert!((BIT_OFFSET + (BIT_WIDTH as usize) + 7) / 8 <= N);
        let storage_ptr = this as *mut u8;
        let start_byte = BIT_OFFSET / 8;
        let bit_shift = BIT_OFFSET % 8;
        let bytes_needed = (BIT_WIDTH as usize + bit_shift + 7) / 8;
        let mut val = val;
        if BIT_WIDTH < 64 {
            val &= (1u64 << BIT_WIDTH) - 1;
        }
        if cfg!(target_endian = "big") {
            val = val.reverse_bits() >> (64 - BIT_WIDTH as usize);
        }
        let val = (val as u128) << bit_shift;
        let field_mask = if BIT_WIDTH < 64 {
            ((1u128 << BIT_WIDTH) - 1) << bit_shift
        } else {
            (u64::MAX as u128) << bit_shift
        };
        let mut i = 0;
        while i < bytes_needed {
            let byte_val = (val >> (i * 8)) as u8;
            let byte_mask = (field_mask >> (i * 8)) as u8;
            let byte_ptr = unsafe { storage_ptr.add(start_byte + i) };
            if cfg!(target_endian = "big") {
                let byte = unsafe { (*byte_ptr).reverse_bits() };
                let new_byte = (byte & !byte_mask) | (byte_val & byte_mask);
                unsafe { *byte_ptr = new_byte.reverse_bits() };
            } else {
                unsafe { *byte_ptr = (*byte_ptr & !byte_mask) | (byte_val & byte_mask) };
            }
            i += 1;
        }
    }
}
