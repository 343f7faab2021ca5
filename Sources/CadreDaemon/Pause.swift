/// A pause in a loop that runs until its task is cancelled. `Task.sleep` throws only on
/// cancellation, which every such loop checks itself on the next turn, so the error carries
/// nothing the caller needs: this is the one place it is dropped.
enum Pause {
    static func `for`(_ duration: Duration) async {
        do {
            try await Task.sleep(for: duration)
        } catch {
            return
        }
    }
}
