//! Language modules: slot writers and templates per language.

pub mod de;
pub mod en;
pub mod nl;
pub mod tpl_de;
pub mod tpl_en;
pub mod tpl_nl;
