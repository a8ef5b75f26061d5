from sopgen.cli import main

raise SystemExit(main())
