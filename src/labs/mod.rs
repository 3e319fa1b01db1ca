//! The labs: experiments built on the simulation, each with its own page panel.
//!
//! [`attacks`] plays every attack against every defence; [`cookie_lab`] is
//! one browser jar on its own, for any `Set-Cookie` against any URL;
//! [`scale`] counts a million requests behind a balancer without tracing them;
//! [`revocation`] measures how long a stolen credential outlives its revocation;
//! [`measured`] is what the stepper measured for the scale lab, as data;
//! [`token_attacks`] plays the attacks on signed tokens against their defences.

pub mod attacks;
pub mod cookie_lab;
pub mod measured;
pub mod revocation;
pub mod scale;
pub mod token_attacks;
