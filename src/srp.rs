//! SRP-6a as Cognito speaks it (`USER_SRP_AUTH`): the 3072-bit group of RFC 5054 with
//! g = 2, SHA-256, `x = H(salt | H(poolName | userId | ":" | password))`, and a session
//! key taken with HKDF ("Caldera Derived Key") from S and u, 16 bytes long. The user's
//! proof is HMAC-SHA256 over `poolName | userId | secretBlock | timestamp` with that key.
//! Only the salt and the verifier `g^x mod N` are ever stored.

use std::sync::OnceLock;

use hmac::{Hmac, Mac as _};
use num_bigint::BigUint;
use sha2::{Digest as _, Sha256};

/// RFC 5054's 3072-bit prime, the one Cognito and every Cognito SRP client use.
const N_HEX: &str = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1\
    29024E088A67CC74020BBEA63B139B22514A08798E3404DD\
    EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245\
    E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED\
    EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D\
    C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F\
    83655D23DCA3AD961C62F356208552BB9ED529077096966D\
    670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B\
    E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9\
    DE2BCBF6955817183995497CEA956AE515D2261898FA0510\
    15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64\
    ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7\
    ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B\
    F12FFA06D98A0864D87602733EC86A64521F2B18177B200C\
    BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31\
    43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";

struct Group {
    n: BigUint,
    g: BigUint,
    /// k = H(PAD(N) | PAD(g)).
    k: BigUint,
}

fn group() -> &'static Group {
    static GROUP: OnceLock<Group> = OnceLock::new();
    GROUP.get_or_init(|| {
        let n = BigUint::parse_bytes(N_HEX.as_bytes(), 16).expect("N is hex");
        let g = BigUint::from(2u8);
        let k = hash_to_int(&[&padded(&n), &padded(&g)]);
        Group { n, g, k }
    })
}

/// A number as Cognito hashes it: big-endian, with a zero byte in front when the top
/// bit is set (the two's-complement form of a positive number).
fn padded(number: &BigUint) -> Vec<u8> {
    let bytes = number.to_bytes_be();
    if bytes[0] & 0x80 != 0 {
        let mut out = Vec::with_capacity(bytes.len() + 1);
        out.push(0);
        out.extend_from_slice(&bytes);
        out
    } else {
        bytes
    }
}

fn hash(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

fn hash_to_int(parts: &[&[u8]]) -> BigUint {
    BigUint::from_bytes_be(&hash(parts))
}

/// A number from the hex that SRP messages carry.
pub fn parse_hex(text: &str) -> Option<BigUint> {
    BigUint::parse_bytes(text.as_bytes(), 16)
}

/// `x = H(PAD(salt) | H(pool | userId | ":" | password))`.
fn private_x(pool_name: &str, user_id: &str, password: &str, salt: &BigUint) -> BigUint {
    let inner = hash(&[
        pool_name.as_bytes(),
        user_id.as_bytes(),
        b":",
        password.as_bytes(),
    ]);
    hash_to_int(&[&padded(salt), &inner])
}

/// The verifier stored for a password: `g^x mod N`, as hex.
pub fn verifier(pool_name: &str, user_id: &str, password: &str, salt: &BigUint) -> String {
    let group = group();
    let x = private_x(pool_name, user_id, password, salt);
    group.g.modpow(&x, &group.n).to_str_radix(16)
}

/// A fresh random salt (16 bytes) and a fresh server secret `b` (128 bytes), from the OS.
pub fn random(bytes: usize) -> BigUint {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer).expect("the OS gives random bytes");
    BigUint::from_bytes_be(&buffer)
}

/// The server's public value `B = (k·v + g^b) mod N`.
pub fn server_public(verifier: &BigUint, b: &BigUint) -> BigUint {
    let group = group();
    (&group.k * verifier + group.g.modpow(b, &group.n)) % &group.n
}

/// The 16-byte session key the server shares with a client that knows the password,
/// or `None` when the client's `A` is not acceptable (`A mod N = 0`, or u = 0).
pub fn server_key(
    client_public: &BigUint,
    server_public: &BigUint,
    b: &BigUint,
    verifier: &BigUint,
) -> Option<[u8; 16]> {
    let group = group();
    if (client_public % &group.n) == BigUint::ZERO {
        return None;
    }
    let u = hash_to_int(&[&padded(client_public), &padded(server_public)]);
    if u == BigUint::ZERO {
        return None;
    }
    let s = (client_public * verifier.modpow(&u, &group.n)).modpow(b, &group.n);
    Some(derive_key(&s, &u))
}

/// HKDF-SHA256 of S with u as salt and "Caldera Derived Key" as info, first 16 bytes.
fn derive_key(s: &BigUint, u: &BigUint) -> [u8; 16] {
    let mut key = [0u8; 16];
    hkdf::Hkdf::<Sha256>::new(Some(&padded(u)), &padded(s))
        .expand(b"Caldera Derived Key", &mut key)
        .expect("16 bytes is a valid HKDF length");
    key
}

/// The proof a client sends (`PASSWORD_CLAIM_SIGNATURE`, base64 of these bytes).
pub fn claim_signature(
    key: &[u8; 16],
    pool_name: &str,
    user_id: &str,
    secret_block: &[u8],
    timestamp: &str,
) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as hmac::Mac>::new_from_slice(key).expect("any key length");
    for part in [
        pool_name.as_bytes(),
        user_id.as_bytes(),
        secret_block,
        timestamp.as_bytes(),
    ] {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// The client's half, as Amplify's `AuthenticationHelper` computes it: for tests and
/// for the shell's own sign-in checks.
pub mod client {
    use super::*;

    /// `(a, A = g^a mod N)`.
    pub fn start() -> (BigUint, BigUint) {
        let group = group();
        let a = random(128);
        let big_a = group.g.modpow(&a, &group.n);
        (a, big_a)
    }

    /// The session key from the client's side:
    /// `S = (B - k·g^x)^(a + u·x) mod N`.
    pub fn key(
        a: &BigUint,
        client_public: &BigUint,
        server_public: &BigUint,
        pool_name: &str,
        user_id: &str,
        password: &str,
        salt: &BigUint,
    ) -> [u8; 16] {
        let group = group();
        let u = hash_to_int(&[&padded(client_public), &padded(server_public)]);
        let x = private_x(pool_name, user_id, password, salt);
        let gx = group.g.modpow(&x, &group.n);
        // B - k·g^x, kept positive modulo N.
        let kgx = (&group.k * gx) % &group.n;
        let base = (server_public + &group.n - kgx) % &group.n;
        let s = base.modpow(&(a + &u * &x), &group.n);
        derive_key(&s, &u)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_and_server_agree_only_on_the_right_password() {
        let salt = random(16);
        let v = parse_hex(&verifier("ampxlocal", "user-1", "Passw0rd!", &salt)).expect("hex");
        for (password, agrees) in [("Passw0rd!", true), ("Passw0rd?", false), ("", false)] {
            let b = random(128);
            let big_b = server_public(&v, &b);
            let (a, big_a) = client::start();
            let server = server_key(&big_a, &big_b, &b, &v).expect("valid A");
            let client = client::key(&a, &big_a, &big_b, "ampxlocal", "user-1", password, &salt);
            assert_eq!(server == client, agrees, "{password}");
            let proof = |k| {
                claim_signature(
                    k,
                    "ampxlocal",
                    "user-1",
                    b"block",
                    "Sun Dec 6 12:00:00 UTC 2026",
                )
            };
            assert_eq!(proof(&server) == proof(&client), agrees);
        }
    }

    #[test]
    fn a_client_value_of_zero_mod_n_is_refused() {
        let v = BigUint::from(5u8);
        let b = random(128);
        let big_b = server_public(&v, &b);
        assert!(server_key(&BigUint::ZERO, &big_b, &b, &v).is_none());
        assert!(server_key(&group().n, &big_b, &b, &v).is_none());
        assert!(server_key(&(&group().n * 3u8), &big_b, &b, &v).is_none());
    }

    #[test]
    fn numbers_are_padded_as_cognito_pads_them() {
        assert_eq!(padded(&BigUint::from(0x7fu8)), vec![0x7f]);
        assert_eq!(padded(&BigUint::from(0x80u8)), vec![0, 0x80]);
        assert_eq!(padded(&BigUint::ZERO), vec![0]);
        assert_eq!(padded(&group().n)[0], 0);
    }
}
