print("cadrectl")
