module badtls-probe

go 1.19
