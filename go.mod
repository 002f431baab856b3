module jedidesk-desktop

go 1.24.0
