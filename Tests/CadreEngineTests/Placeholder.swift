import Testing

@Test func placeholderCadreEngineTests() {}
