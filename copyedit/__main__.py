from copyedit.client import main

main()
