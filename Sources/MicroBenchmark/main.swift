print("microbench: to be written")
