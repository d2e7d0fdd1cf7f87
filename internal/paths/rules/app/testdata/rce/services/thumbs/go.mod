module example.com/media/thumbs

go 1.23
