fn main() -> std::process::ExitCode {
    mdm::main_entry()
}
