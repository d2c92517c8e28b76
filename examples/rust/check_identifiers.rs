//! Parse identifiers with rppsplus-core: `cargo run -p rppsplus-core --example check_identifiers`.

use rppsplus_core::ids::{Finess, IdNatPp, MobilePhone, Mode, ParseError, Rpps};

fn main() -> Result<(), ParseError> {
    // Parse = validate: a value of type Rpps is always a valid RPPS number.
    let rpps: Rpps = "101 079 853 18".parse()?;
    println!("RPPS {rpps} -> idNat {}", IdNatPp::from(rpps));

    // Errors carry a stable code and French/English messages, never the input.
    for input in ["10107985319", "99700075122"] {
        match input.parse::<Rpps>() {
            Ok(r) => println!("{input}: ok {r}"),
            Err(e) => println!("{input}: {} ({})", e.code(), e.message_fr()),
        }
    }
    let test_card = Rpps::parse_with("99700075122", Mode::Test)?;
    println!("test mode: {test_card} (test identity: {})", test_card.is_test());

    // Overseas mobiles get their own country code.
    let mobile: MobilePhone = "0692 12 34 56".parse()?;
    println!("mobile {mobile} in {:?}", mobile.territory());

    let finess: Finess = "970405593".parse()?;
    println!("FINESS {finess}, département {}", finess.departement());
    Ok(())
}
