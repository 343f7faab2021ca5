import Testing

@Test func placeholderCadreWireTests() {}
