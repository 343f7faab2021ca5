public enum CadreVersion {
    public static let current = "0.1.0"
}
