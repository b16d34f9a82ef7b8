import ConvoBase
import Testing

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("é日本🙏", "6f9a8ddcc556f5d2640faf3934ab0e04d0ffcd85d35a059d85ce3a2bc3956c58"),
    ])
    func knownDigests(text: String, digest: String) {
        #expect(SHA256.hex(SHA256.hash(text)) == digest)
    }

    @Test func streamingMatchesOneShotAcrossBlockBoundaries() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = SHA256()
        hasher.update(bytes[0..<1])
        hasher.update(bytes[1..<64])
        hasher.update(Array(bytes[64..<200]))
        hasher.update(bytes[200...].lazy.map { $0 })
        #expect(hasher.finalize() == SHA256.hash(bytes))
        #expect(SHA256.hex(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000)))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
