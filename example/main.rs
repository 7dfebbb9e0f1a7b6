//! kbindgen demo: drive the C "shapes" library (shapes.h) from Rust
//! through the bindings that kbindgen generated into $OUT_DIR/bindings.rs.

use std::ffi::{c_int, c_void, CStr};
use std::ops::ControlFlow;

mod ffi {
    #![allow(
        unknown_lints,
        non_upper_case_globals,
        non_camel_case_types,
        non_snake_case
    )]
    #![allow(dead_code, unnecessary_transmutes, unused_unsafe, clippy::all)]
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

/// An owned scene; dropping it frees the scene and all of its shapes.
struct Scene(*mut ffi::scene);

impl Scene {
    fn new() -> Scene {
        let sc = unsafe { ffi::scene_new() };
        assert!(!sc.is_null(), "scene_new: out of memory");
        // A plain Rust fn as a C callback stored in a struct field.
        unsafe { (*sc).on_add = Some(announce) };
        Scene(sc)
    }

    /// Hands a freshly created shape over to the scene.
    fn add(&mut self, s: *mut ffi::shape) {
        assert!(!s.is_null(), "shape_new_*: out of memory");
        unsafe { ffi::scene_add(self.0, s) };
    }

    fn count(&self) -> u32 {
        unsafe { (*self.0).count }
    }

    fn total_area(&self) -> f64 {
        unsafe { ffi::scene_total_area(self.0) }
    }

    /// Walks the C list, calling `f` on every shape until it breaks.
    /// Returns true if the walk was stopped early.
    fn for_each<F>(&mut self, mut f: F) -> bool
    where
        F: FnMut(&mut ffi::shape) -> ControlFlow<()>,
    {
        let ctx = &mut f as *mut F as *mut c_void;
        unsafe { ffi::scene_for_each(self.0, Some(trampoline::<F>), ctx) != 0 }
    }
}

impl Drop for Scene {
    fn drop(&mut self) {
        unsafe { ffi::scene_free(self.0) };
    }
}

/// The C side sees a shape_visit_fn; `ctx` carries the Rust closure.
unsafe extern "C" fn trampoline<F>(s: *mut ffi::shape, ctx: *mut c_void) -> c_int
where
    F: FnMut(&mut ffi::shape) -> ControlFlow<()>,
{
    let f = unsafe { &mut *(ctx as *mut F) };
    match f(unsafe { &mut *s }) {
        ControlFlow::Continue(()) => 0,
        ControlFlow::Break(()) => 1,
    }
}

/// scene->on_add hook.
unsafe extern "C" fn announce(s: *mut ffi::shape, _ctx: *mut c_void) -> c_int {
    let s = unsafe { &*s };
    println!("  + #{} {:<8} {:?}", s.id(), kind_name(s), name(s));
    0
}

fn name(s: &ffi::shape) -> String {
    s.name
        .iter()
        .take_while(|&&c| c != 0)
        .map(|&c| c as u8 as char)
        .collect()
}

fn kind_name(s: &ffi::shape) -> &'static str {
    let p = unsafe { ffi::shape_kind_name(s.kind) };
    unsafe { CStr::from_ptr(p) }.to_str().unwrap_or("?")
}

/// Reads the anonymous geometry union, using `kind` to pick the member.
fn geometry(s: &ffi::shape) -> String {
    let g = &s.__bindgen_anon_1;
    match s.kind {
        ffi::shape_kind_SHAPE_CIRCLE => format!("r={}", unsafe { g.circle.r }),
        ffi::shape_kind_SHAPE_RECT => {
            let r = unsafe { g.rect };
            format!("{}x{}", r.w, r.h)
        }
        ffi::shape_kind_SHAPE_TRIANGLE => {
            let p = unsafe { g.tri.p };
            format!(
                "({},{}) ({},{}) ({},{})",
                p[0].x, p[0].y, p[1].x, p[1].y, p[2].x, p[2].y
            )
        }
        _ => "?".to_string(),
    }
}

fn yn(bit: u32) -> &'static str {
    if bit != 0 {
        "y"
    } else {
        "-"
    }
}

fn main() {
    let lib = CStr::from_bytes_with_nul(ffi::SHAPES_NAME)
        .unwrap()
        .to_str()
        .unwrap();
    println!(
        "{} v{}: pi = {}, names up to {} bytes, layers 0..={}",
        lib,
        ffi::SHAPES_VERSION,
        ffi::SHAPES_PI,
        ffi::SHAPE_NAME_MAX - 1,
        ffi::shapes_max_layer
    );

    let mut scene = Scene::new();
    println!("building a scene:");
    unsafe {
        let sun = ffi::shape_new_circle(c"sun".as_ptr(), 3.0);
        ffi::shape_set_color(sun, 0xff, 0xcc, 0x00);
        scene.add(sun);

        // struct passed by value
        let door = ffi::shape_new_rect(c"door".as_ptr(), ffi::rect { w: 1.0, h: 2.0 });
        ffi::shape_set_color(door, 0x80, 0x40, 0x00);
        scene.add(door);

        let corners = [
            ffi::point::default(), // the origin, via --with-derive-default
            ffi::point { x: 4.0, y: 0.0 },
            ffi::point { x: 2.0, y: 1.5 },
        ];
        let roof = ffi::shape_new_triangle(c"roof".as_ptr(), corners.as_ptr());
        ffi::shape_set_color(roof, 0xc0, 0x20, 0x20);
        ffi::shape_set_flags(roof, ffi::SHAPE_F_VISIBLE); // outline only
        scene.add(roof);

        // longer than SHAPE_NAME_MAX: the C side truncates it
        let moon = ffi::shape_new_circle(c"moon-behind-the-clouds".as_ptr(), 0.5);
        ffi::shape_set_color(moon, 0xc0, 0xc0, 0xc0);
        ffi::shape_set_flags(moon, ffi::SHAPE_F_DEFAULT & !ffi::SHAPE_F_VISIBLE);
        scene.add(moon);
    }
    let live = unsafe { ffi::shapes_live }; // a C global variable
    println!("{} shapes in the scene, {} alive", scene.count(), live);

    // Walk 1: a Rust closure, called back from C, sets the 'layer'
    // bitfield and prints every shape.
    println!("\n id kind     name             layer vis fill color      area  geometry");
    let mut layer = ffi::shapes_max_layer as u32;
    scene.for_each(|s| {
        s.set_layer(layer);
        layer = layer.saturating_sub(5);
        println!(
            "{:>3} {:<8} {:<16} {:>5}  {}   {}   #{:08x} {:>6.2}  {}",
            s.id(),
            kind_name(s),
            name(s),
            s.layer(),
            yn(s.visible()),
            yn(s.filled()),
            unsafe { s.color.rgba },
            unsafe { ffi::shape_area(s) },
            geometry(s)
        );
        ControlFlow::Continue(())
    });

    // Walk 2: stop early at the first shape on a layer below 10.
    let total = scene.count();
    let mut seen = 0;
    let stopped = scene.for_each(|s| {
        seen += 1;
        if s.layer() < 10 {
            println!(
                "\nfirst shape below layer 10: {:?} (stopped after {} of {})",
                name(s),
                seen,
                total
            );
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    });
    assert!(stopped);

    // A C variadic function, called with a string, an int and a double.
    let mut buf = [0u8; 80];
    let n = unsafe {
        ffi::shapes_format(
            buf.as_mut_ptr().cast(),
            buf.len() as _,
            c"%s: %d shapes covering %.2f units^2".as_ptr(),
            c"scene".as_ptr(),
            scene.count() as c_int,
            scene.total_area(),
        )
    };
    let msg = CStr::from_bytes_until_nul(&buf).unwrap().to_str().unwrap();
    println!("shapes_format() = {}: {:?}", n, msg);

    drop(scene);
    let live = unsafe { ffi::shapes_live };
    println!("after scene_free(): {} alive", live);
}
