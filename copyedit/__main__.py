from copyedit.cli import main

main()
