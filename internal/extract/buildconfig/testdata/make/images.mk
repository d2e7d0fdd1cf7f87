# An included make fragment: its variable comes from the Makefile that includes it, so it is unknown here.
# What the extractor must find: $(IMAGE_PREFIX)/search:dev, context make/search, make/search/Dockerfile.
search-image:
	docker build -t $(IMAGE_PREFIX)/search:dev search
