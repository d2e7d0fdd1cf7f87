# The api's entry point (nothing secret here).
print("api")
