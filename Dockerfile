# The settlement orchestrator on Debian 12, built with the project's own install script.
FROM debian:12
WORKDIR /src
COPY . .
RUN scripts/install-deps.sh \
 && cmake -S . -B build -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=Release \
 && cmake --build build -j \
 && cmake --install build --prefix /usr/local
ENTRYPOINT ["/usr/local/bin/settlement", "--config", "/src/config/settlement.properties"]
