import Testing

@Test func placeholderCadreStoreTests() {}
