import Testing

@Test func placeholderCadreIntegrationTests() {}
