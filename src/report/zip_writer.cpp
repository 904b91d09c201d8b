// minizip's ioapi.h sets large-file macros, so it goes before any system header.
#include <zip.h>

#include <cstring>
#include <stdexcept>

#include "report/zip_writer.hpp"

namespace bangfu::report {

namespace {
struct MemoryOut {
    std::string data;
    std::uint64_t position = 0;
};

voidpf ZCALLBACK out_open(voidpf opaque, const void* /*filename*/, int /*mode*/) {
    return opaque;  // the MemoryOut itself is the stream
}

uLong ZCALLBACK out_read(voidpf, voidpf stream, void* buffer, uLong size) {
    auto* f = static_cast<MemoryOut*>(stream);
    if (f->position >= f->data.size()) return 0;
    auto count = static_cast<uLong>(std::min<std::uint64_t>(f->data.size() - f->position, size));
    std::memcpy(buffer, f->data.data() + f->position, count);
    f->position += count;
    return count;
}

// Writes at the position (minizip seeks back to patch local headers), growing as needed.
uLong ZCALLBACK out_write(voidpf, voidpf stream, const void* buffer, uLong size) {
    auto* f = static_cast<MemoryOut*>(stream);
    if (f->position + size > f->data.size()) f->data.resize(f->position + size);
    std::memcpy(f->data.data() + f->position, buffer, size);
    f->position += size;
    return size;
}

ZPOS64_T ZCALLBACK out_tell(voidpf, voidpf stream) {
    return static_cast<MemoryOut*>(stream)->position;
}

long ZCALLBACK out_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
    auto* f = static_cast<MemoryOut*>(stream);
    std::uint64_t base = 0;
    if (origin == ZLIB_FILEFUNC_SEEK_CUR)
        base = f->position;
    else if (origin == ZLIB_FILEFUNC_SEEK_END)
        base = f->data.size();
    else if (origin != ZLIB_FILEFUNC_SEEK_SET)
        return -1;
    if (base + offset > f->data.size()) return -1;
    f->position = base + offset;
    return 0;
}

int ZCALLBACK out_close(voidpf, voidpf) {
    return 0;
}
int ZCALLBACK out_error(voidpf, voidpf) {
    return 0;
}
}  // namespace

struct ZipWriter::State {
    MemoryOut out;
    zipFile zip = nullptr;
};

ZipWriter::ZipWriter() : state_(std::make_unique<State>()) {
    zlib_filefunc64_def io{};
    io.zopen64_file = out_open;
    io.zread_file = out_read;
    io.zwrite_file = out_write;
    io.ztell64_file = out_tell;
    io.zseek64_file = out_seek;
    io.zclose_file = out_close;
    io.zerror_file = out_error;
    io.opaque = &state_->out;
    state_->zip = zipOpen2_64("memory", APPEND_STATUS_CREATE, nullptr, &io);
    if (state_->zip == nullptr) throw std::runtime_error("minizip: cannot create an archive");
}

ZipWriter::~ZipWriter() {
    if (state_ && state_->zip) zipClose(state_->zip, nullptr);
}

void ZipWriter::add(const std::string& name, std::string_view content) {
    if (!state_->zip) throw std::logic_error("ZipWriter: archive already finished");
    zip_fileinfo info{};
    // A fixed date (1980-01-01): the same report gives the same bytes.
    info.tmz_date.tm_year = 1980;
    info.tmz_date.tm_mday = 1;
    if (zipOpenNewFileInZip64(state_->zip, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                              Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0) != ZIP_OK)
        throw std::runtime_error("minizip: cannot add " + name);
    if (zipWriteInFileInZip(state_->zip, content.data(), static_cast<unsigned>(content.size())) !=
        ZIP_OK)
        throw std::runtime_error("minizip: cannot write " + name);
    if (zipCloseFileInZip(state_->zip) != ZIP_OK)
        throw std::runtime_error("minizip: cannot close " + name);
}

std::string ZipWriter::finish() {
    if (!state_->zip) throw std::logic_error("ZipWriter: archive already finished");
    int rc = zipClose(state_->zip, nullptr);
    state_->zip = nullptr;
    if (rc != ZIP_OK) throw std::runtime_error("minizip: cannot close the archive");
    return std::move(state_->out.data);
}

}  // namespace bangfu::report
