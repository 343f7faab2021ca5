print("cadred")
