import ConvoDiscovery
import ConvoModel
import Testing

@Suite struct FrustrationSignalsTests {
    @Test func placeholder() {
        #expect(FrustrationSignals().score == 0)
    }
}
