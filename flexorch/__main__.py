from flexorch.cli import main

main()
