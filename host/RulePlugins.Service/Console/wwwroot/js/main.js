// The console's entry module.
