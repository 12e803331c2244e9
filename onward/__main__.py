from onward.cli.main import run

run()
