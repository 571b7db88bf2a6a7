#include "util/sha256.h"

#include "util/error.h"

#include <openssl/evp.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace ts::core {

struct Sha256::Impl {
    EVP_MD_CTX* ctx = nullptr;
};

Sha256::Sha256() : d_(std::make_unique<Impl>()) {
    d_->ctx = EVP_MD_CTX_new();
    if (!d_->ctx || EVP_DigestInit_ex(d_->ctx, EVP_sha256(), nullptr) != 1)
        throw Error("SHA-256: OpenSSL could not initialise a digest context");
}

Sha256::~Sha256() {
    EVP_MD_CTX_free(d_->ctx);
}

void Sha256::update(const void* data, size_t size) {
    EVP_DigestUpdate(d_->ctx, data, size);
}

std::string Sha256::hexDigest() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(d_->ctx, md, &len);
    static const char* digits = "0123456789abcdef";
    std::string out(len * 2, '0');
    for (unsigned int i = 0; i < len; ++i) {
        out[2 * i] = digits[md[i] >> 4];
        out[2 * i + 1] = digits[md[i] & 15];
    }
    return out;
}

std::string Sha256::hex(std::string_view data) {
    Sha256 h;
    h.update(data);
    return h.hexDigest();
}

std::string Sha256::hexOfFile(const std::filesystem::path& file, uint64_t* bytesRead) {
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(file.string(), std::string("cannot open for hashing: ") + std::strerror(errno));
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    Sha256 h;
    std::vector<char> buf(1 << 20);
    uint64_t total = 0;
    for (;;) {
        ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            ::close(fd);
            throw Error(file.string(),
                        std::string("read failed while hashing: ") + std::strerror(e));
        }
        if (n == 0)
            break;
        h.update(buf.data(), static_cast<size_t>(n));
        total += static_cast<uint64_t>(n);
    }
    ::close(fd);
    if (bytesRead)
        *bytesRead = total;
    return h.hexDigest();
}

} // namespace ts::core
