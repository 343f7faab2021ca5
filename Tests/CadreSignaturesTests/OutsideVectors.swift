/// Badges signed outside Cadre, by python's joserfc 1.6.5 over keys from the `cryptography`
/// package (ES256, EdDSA, RS256), with each key's public JWK and PEM as that library writes them.
/// They check that Cadre reads what another JOSE implementation writes: the raw ECDSA signature
/// form, the JWK members and the PEM encodings. Each JWT's payload is an OB 3.0 credential of
/// `issuer`, with `iss` and `nbf` claims, whose recipient is ana@example.org.
enum OutsideVectors {
    struct Vector {
        var algorithm: String
        var keyID: String
        var jwt: String
        var jwk: [String: String]
        var pem: String
    }

    static let issuer = "https://badges.example.org/issuers/1"

    static let all: [Vector] = [
        Vector(
            algorithm: "ES256", keyID: "key-es256",
            jwt: """
                eyJhbGciOiJFUzI1NiIsImtpZCI6ImtleS1lczI1NiIsInR5cCI6InZjK2p3dCJ9.eyJAY29udGV4dCI6WyJodHRwczovL3d\
                3dy53My5vcmcvbnMvY3JlZGVudGlhbHMvdjIiLCJodHRwczovL3B1cmwuaW1zZ2xvYmFsLm9yZy9zcGVjL29iL3YzcDAvY29\
                udGV4dC0zLjAuMy5qc29uIl0sImlkIjoidXJuOnV1aWQ6N2YyYjZhM2MtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAwIiw\
                idHlwZSI6WyJWZXJpZmlhYmxlQ3JlZGVudGlhbCIsIk9wZW5CYWRnZUNyZWRlbnRpYWwiXSwiaXNzdWVyIjp7ImlkIjoiaHR\
                0cHM6Ly9iYWRnZXMuZXhhbXBsZS5vcmcvaXNzdWVycy8xIiwidHlwZSI6WyJQcm9maWxlIl0sIm5hbWUiOiJFeGFtcGxlIEJ\
                hZGdlcyJ9LCJ2YWxpZEZyb20iOiIyMDI1LTAzLTAxVDEwOjAwOjAwWiIsImNyZWRlbnRpYWxTdWJqZWN0Ijp7InR5cGUiOls\
                iQWNoaWV2ZW1lbnRTdWJqZWN0Il0sImlkZW50aWZpZXIiOlt7InR5cGUiOiJJZGVudGl0eU9iamVjdCIsImlkZW50aXR5VHl\
                wZSI6ImVtYWlsQWRkcmVzcyIsImhhc2hlZCI6ZmFsc2UsImlkZW50aXR5SGFzaCI6ImFuYUBleGFtcGxlLm9yZyJ9XSwiYWN\
                oaWV2ZW1lbnQiOnsiaWQiOiJodHRwczovL2JhZGdlcy5leGFtcGxlLm9yZy9hY2hpZXZlbWVudHMvcG1sZSIsInR5cGUiOls\
                iQWNoaWV2ZW1lbnQiXSwibmFtZSI6Ik1MIEVuZ2luZWVyIn19LCJpc3MiOiJodHRwczovL2JhZGdlcy5leGFtcGxlLm9yZy9\
                pc3N1ZXJzLzEiLCJuYmYiOjE3NDA4MjMyMDB9.sDdTNMu9w7gUaUKQqYZ3bn6709ccd4kutTEcYhV2KRl1G1KaE9VFgoxR7J\
                qPp9X4EybQfbVVXgvatJRCv0S75A
                """,
            jwk: ["crv": "P-256", "kty": "EC", "x": "qWDN9P7Dg-SjNFltr1Tqf8NDEbDCndJ1SzAPEuN3H7o", "y": "e02it2Fj8xYjEeXULbWn67-v3Kp_FhjGXmpdGsG-FJc"],
            pem: """
                -----BEGIN PUBLIC KEY-----
                MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqWDN9P7Dg+SjNFltr1Tqf8NDEbDC
                ndJ1SzAPEuN3H7p7TaK3YWPzFiMR5dQttafrv6/cqn8WGMZeal0awb4Ulw==
                -----END PUBLIC KEY-----
                """),
        Vector(
            algorithm: "EdDSA", keyID: "key-eddsa",
            jwt: """
                eyJhbGciOiJFZERTQSIsImtpZCI6ImtleS1lZGRzYSIsInR5cCI6InZjK2p3dCJ9.eyJAY29udGV4dCI6WyJodHRwczovL3d\
                3dy53My5vcmcvbnMvY3JlZGVudGlhbHMvdjIiLCJodHRwczovL3B1cmwuaW1zZ2xvYmFsLm9yZy9zcGVjL29iL3YzcDAvY29\
                udGV4dC0zLjAuMy5qc29uIl0sImlkIjoidXJuOnV1aWQ6N2YyYjZhM2MtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAxIiw\
                idHlwZSI6WyJWZXJpZmlhYmxlQ3JlZGVudGlhbCIsIk9wZW5CYWRnZUNyZWRlbnRpYWwiXSwiaXNzdWVyIjp7ImlkIjoiaHR\
                0cHM6Ly9iYWRnZXMuZXhhbXBsZS5vcmcvaXNzdWVycy8xIiwidHlwZSI6WyJQcm9maWxlIl0sIm5hbWUiOiJFeGFtcGxlIEJ\
                hZGdlcyJ9LCJ2YWxpZEZyb20iOiIyMDI1LTAzLTAxVDEwOjAwOjAwWiIsImNyZWRlbnRpYWxTdWJqZWN0Ijp7InR5cGUiOls\
                iQWNoaWV2ZW1lbnRTdWJqZWN0Il0sImlkZW50aWZpZXIiOlt7InR5cGUiOiJJZGVudGl0eU9iamVjdCIsImlkZW50aXR5VHl\
                wZSI6ImVtYWlsQWRkcmVzcyIsImhhc2hlZCI6ZmFsc2UsImlkZW50aXR5SGFzaCI6ImFuYUBleGFtcGxlLm9yZyJ9XSwiYWN\
                oaWV2ZW1lbnQiOnsiaWQiOiJodHRwczovL2JhZGdlcy5leGFtcGxlLm9yZy9hY2hpZXZlbWVudHMvcG1sZSIsInR5cGUiOls\
                iQWNoaWV2ZW1lbnQiXSwibmFtZSI6Ik1MIEVuZ2luZWVyIn19LCJpc3MiOiJodHRwczovL2JhZGdlcy5leGFtcGxlLm9yZy9\
                pc3N1ZXJzLzEiLCJuYmYiOjE3NDA4MjMyMDB9.aOAVxCW7cJK0ob4XDaAVUSVK0R4Ws4fGI2X7Jt4qPAaTZurNNcUrTH1c0R\
                rLjatyTWdBlLDrWU6OUhRKDJ5-Cw
                """,
            jwk: ["crv": "Ed25519", "kty": "OKP", "x": "tjqPNhPPPm3DpAMHrvdDseF34qKTiHOEoVSmd2p0VIA"],
            pem: """
                -----BEGIN PUBLIC KEY-----
                MCowBQYDK2VwAyEAtjqPNhPPPm3DpAMHrvdDseF34qKTiHOEoVSmd2p0VIA=
                -----END PUBLIC KEY-----
                """),
        Vector(
            algorithm: "RS256", keyID: "key-rs256",
            jwt: """
                eyJhbGciOiJSUzI1NiIsImtpZCI6ImtleS1yczI1NiIsInR5cCI6InZjK2p3dCJ9.eyJAY29udGV4dCI6WyJodHRwczovL3d\
                3dy53My5vcmcvbnMvY3JlZGVudGlhbHMvdjIiLCJodHRwczovL3B1cmwuaW1zZ2xvYmFsLm9yZy9zcGVjL29iL3YzcDAvY29\
                udGV4dC0zLjAuMy5qc29uIl0sImlkIjoidXJuOnV1aWQ6N2YyYjZhM2MtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAyIiw\
                idHlwZSI6WyJWZXJpZmlhYmxlQ3JlZGVudGlhbCIsIk9wZW5CYWRnZUNyZWRlbnRpYWwiXSwiaXNzdWVyIjp7ImlkIjoiaHR\
                0cHM6Ly9iYWRnZXMuZXhhbXBsZS5vcmcvaXNzdWVycy8xIiwidHlwZSI6WyJQcm9maWxlIl0sIm5hbWUiOiJFeGFtcGxlIEJ\
                hZGdlcyJ9LCJ2YWxpZEZyb20iOiIyMDI1LTAzLTAxVDEwOjAwOjAwWiIsImNyZWRlbnRpYWxTdWJqZWN0Ijp7InR5cGUiOls\
                iQWNoaWV2ZW1lbnRTdWJqZWN0Il0sImlkZW50aWZpZXIiOlt7InR5cGUiOiJJZGVudGl0eU9iamVjdCIsImlkZW50aXR5VHl\
                wZSI6ImVtYWlsQWRkcmVzcyIsImhhc2hlZCI6ZmFsc2UsImlkZW50aXR5SGFzaCI6ImFuYUBleGFtcGxlLm9yZyJ9XSwiYWN\
                oaWV2ZW1lbnQiOnsiaWQiOiJodHRwczovL2JhZGdlcy5leGFtcGxlLm9yZy9hY2hpZXZlbWVudHMvcG1sZSIsInR5cGUiOls\
                iQWNoaWV2ZW1lbnQiXSwibmFtZSI6Ik1MIEVuZ2luZWVyIn19LCJpc3MiOiJodHRwczovL2JhZGdlcy5leGFtcGxlLm9yZy9\
                pc3N1ZXJzLzEiLCJuYmYiOjE3NDA4MjMyMDB9.czYsukf6ErxanFYrcC688wrgWUVoAeAcpB5bjgYnr3d9OUIGx8K9hQiSxM\
                ZLvQiBjY2rGrvyKv1b95WPikgKbMU6E1RqDwDM5v-aqE1wLWWEyyTnDF4hOLSMLWDmoAv-y9GxlEotG3-xo1Sz8_aBGgOZi6\
                1psUlmmqfXSEwZlYWqwA2JtLEE0QHTrD8QvtI6lbv_a8GVH9o61m9NtAwKw5ybKR0-EIMDao08liNAjZ9dywX1rGq3Dgo_LH\
                YfMMAsg2VlJV77b06r2aEIzLvRGolG-QLCny8nuwqS4X3hY1BcyX7Rs-zmgbT4BX1xaPzTDJHyU9FwLzzMLsDnmf5mGg
                """,
            jwk: [
                "e": "AQAB",
                "kty": "RSA",
                "n": """
                    hgEAdREG_FLDvO22n7IDByG1VWIU93hkjbj5AYbHycTzf48moSaMByJH9O9rBiK2Z2lxrg1I_iuTkmjCCS6i1VKreBt1VhJ7\
                    I_yQAYlRSlUL-f6V2VL-EQ53FArgsKmmt0yWkpd7vYvheI5Z9xDVQyGnyM4J7tlH23wWXT73X8dNWgIzqV26HDniqYK8t0pd\
                    dVoLxkxik1xeYGXqAt2__zJA6J4SxaDqWpalyQraIsd4itmIl2EA7Uv5c6bD8EHQSdho0_5G6DqF06RxBiBQ9N_6nPL4Ds95\
                    UKOaQyJgg6KJtOLSbN3tIS721xjfzw0STMzd4AkFoDAamBr9suEUYw
                    """,
            ],
            pem: """
                -----BEGIN PUBLIC KEY-----
                MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAhgEAdREG/FLDvO22n7ID
                ByG1VWIU93hkjbj5AYbHycTzf48moSaMByJH9O9rBiK2Z2lxrg1I/iuTkmjCCS6i
                1VKreBt1VhJ7I/yQAYlRSlUL+f6V2VL+EQ53FArgsKmmt0yWkpd7vYvheI5Z9xDV
                QyGnyM4J7tlH23wWXT73X8dNWgIzqV26HDniqYK8t0pddVoLxkxik1xeYGXqAt2/
                /zJA6J4SxaDqWpalyQraIsd4itmIl2EA7Uv5c6bD8EHQSdho0/5G6DqF06RxBiBQ
                9N/6nPL4Ds95UKOaQyJgg6KJtOLSbN3tIS721xjfzw0STMzd4AkFoDAamBr9suEU
                YwIDAQAB
                -----END PUBLIC KEY-----
                """),
    ]
}
