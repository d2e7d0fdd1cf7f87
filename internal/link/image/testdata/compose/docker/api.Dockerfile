# The api image, built from the repository root (see ../docker-compose.yml). The "debug" stage after the
# runtime stage is not part of the image compose builds (target: runtime).
FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/api ./cmd/api

FROM gcr.io/distroless/static-debian12 AS runtime
COPY --from=build /out/api /api
ENTRYPOINT ["/api"]

FROM build AS debug
RUN go install github.com/go-delve/delve/cmd/dlv@latest
