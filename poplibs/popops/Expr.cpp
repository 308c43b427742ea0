// popops::expr: copying, comparing, naming and printing expression trees.
#include <popops/Expr.hpp>

#include "ExprOpNames.hpp"

#include <poputil/exceptions.hpp>

#include <cstdio>
#include <sstream>

namespace popops {
namespace expr {

Expr::~Expr() = default;

std::ostream &operator<<(std::ostream &os, const Expr &expr) {
  expr.print(os, 0, false);
  return os;
}

bool deepEquals(const Expr &a, const Expr &b) { return a.deepEquals(b); }

namespace {

std::size_t hostBytes(const poplar::Type &hostType) {
  if (hostType == poplar::BOOL || hostType == poplar::CHAR ||
      hostType == poplar::SIGNED_CHAR || hostType == poplar::UNSIGNED_CHAR)
    return 1;
  if (hostType == poplar::SHORT || hostType == poplar::UNSIGNED_SHORT)
    return 2;
  if (hostType == poplar::INT || hostType == poplar::UNSIGNED_INT ||
      hostType == poplar::FLOAT)
    return 4;
  return 8;
}

template <typename T> T readAs(const char *data) {
  T value;
  std::memcpy(&value, data, sizeof(T));
  return value;
}

void indentBy(std::ostream &os, unsigned indent, bool prettyPrint) {
  if (prettyPrint)
    os << "\n" << std::string(indent, ' ');
}

void printCall(std::ostream &os, const std::string &function,
               const std::vector<const Expr *> &args, unsigned indent,
               bool prettyPrint) {
  os << function << "(";
  for (std::size_t i = 0; i != args.size(); ++i) {
    if (i)
      os << ", ";
    indentBy(os, indent + 2, prettyPrint);
    args[i]->print(os, indent + 2, prettyPrint);
  }
  os << ")";
}

} // namespace

Const::Const(const poplar::Type &type, const poplar::Type &hostType,
             const char *data)
    : type(type), hostType(hostType) {
  store(data, hostBytes(hostType));
}

bool Const::isFloatingPoint() const {
  return hostType == poplar::FLOAT || hostType == poplar::DOUBLE ||
         hostType == poplar::HALF;
}

double Const::getDataAsDouble() const {
  const char *p = data.get();
  if (hostType == poplar::FLOAT)
    return readAs<float>(p);
  if (hostType == poplar::DOUBLE)
    return readAs<double>(p);
  if (hostType == poplar::BOOL)
    return readAs<bool>(p);
  if (hostType == poplar::CHAR)
    return readAs<char>(p);
  if (hostType == poplar::SIGNED_CHAR)
    return readAs<signed char>(p);
  if (hostType == poplar::UNSIGNED_CHAR)
    return readAs<unsigned char>(p);
  if (hostType == poplar::SHORT)
    return readAs<short>(p);
  if (hostType == poplar::UNSIGNED_SHORT)
    return readAs<unsigned short>(p);
  if (hostType == poplar::INT)
    return readAs<int>(p);
  if (hostType == poplar::UNSIGNED_INT)
    return readAs<unsigned>(p);
  if (hostType == poplar::LONG || hostType == poplar::LONGLONG)
    return double(readAs<long long>(p));
  return double(readAs<unsigned long long>(p));
}

std::uint64_t Const::getDataForUnsignedIntegral() const {
  if (isFloatingPoint())
    return std::uint64_t(getDataAsDouble());
  if (hostType == poplar::LONG || hostType == poplar::LONGLONG ||
      hostType == poplar::UNSIGNED_LONG ||
      hostType == poplar::UNSIGNED_LONGLONG)
    return readAs<std::uint64_t>(data.get());
  return std::uint64_t(std::int64_t(getDataAsDouble()));
}

std::string Const::printValue() const {
  if (!isFloatingPoint()) {
    const bool isSigned =
        hostType == poplar::CHAR || hostType == poplar::SIGNED_CHAR ||
        hostType == poplar::SHORT || hostType == poplar::INT ||
        hostType == poplar::LONG || hostType == poplar::LONGLONG;
    if (hostType == poplar::BOOL)
      return getDataAsDouble() != 0 ? "true" : "false";
    return isSigned ? std::to_string(std::int64_t(getDataAsDouble()))
                    : std::to_string(getDataForUnsignedIntegral());
  }
  char text[64];
  std::snprintf(text, sizeof text, "%.17g", getDataAsDouble());
  return text;
}

std::unique_ptr<Expr> Const::clone() const {
  return std::make_unique<Const>(type, hostType, data.get());
}

std::string Const::name(const std::vector<poplar::Tensor> &) const {
  return "const_" + printValue();
}

bool Const::deepEquals(const Expr &other) const {
  const Const *c = other.getAs<Const>();
  return c && c->type == type && c->hostType == hostType &&
         std::memcmp(c->data.get(), data.get(), hostBytes(hostType)) == 0;
}

void Const::print(std::ostream &os, unsigned, bool) const {
  os << printValue();
  if (type != defaultDeviceType(hostType))
    os << ":" << type.toString();
}

std::unique_ptr<Expr> Cast::clone() const {
  return std::make_unique<Cast>(*a, bType);
}

std::string Cast::name(const std::vector<poplar::Tensor> &inputs) const {
  return "cast_" + a->name(inputs) + "_" + bType.toString();
}

bool Cast::deepEquals(const Expr &other) const {
  const Cast *c = other.getAs<Cast>();
  return c && c->bType == bType && c->a->deepEquals(*a);
}

void Cast::print(std::ostream &os, unsigned indent, bool prettyPrint) const {
  printCall(os, "Cast<" + bType.toString() + ">", {a.get()}, indent,
            prettyPrint);
}

std::unique_ptr<Expr> PlaceHolder::clone() const {
  return std::make_unique<PlaceHolder>(index);
}

std::string PlaceHolder::name(const std::vector<poplar::Tensor> &) const {
  return "_" + std::to_string(index);
}

bool PlaceHolder::deepEquals(const Expr &other) const {
  const PlaceHolder *p = other.getAs<PlaceHolder>();
  return p && p->index == index;
}

void PlaceHolder::print(std::ostream &os, unsigned, bool) const {
  os << "_" << index;
}

std::unique_ptr<Expr> UnaryOp::clone() const {
  return std::make_unique<UnaryOp>(type, *a);
}

std::string UnaryOp::name(const std::vector<poplar::Tensor> &inputs) const {
  return detail::opName(type) + "_" + exprName(inputs);
}

bool UnaryOp::deepEquals(const Expr &other) const {
  const UnaryOp *u = other.getAs<UnaryOp>();
  return u && u->type == type && u->a->deepEquals(*a);
}

void UnaryOp::print(std::ostream &os, unsigned indent, bool prettyPrint) const {
  printCall(os, detail::opName(type), {a.get()}, indent, prettyPrint);
}

std::unique_ptr<Expr> BinaryOp::clone() const {
  return std::make_unique<BinaryOp>(type, *a, *b);
}

std::string BinaryOp::name(const std::vector<poplar::Tensor> &inputs) const {
  return detail::opName(type) + "_" + exprName(inputs);
}

bool BinaryOp::deepEquals(const Expr &other) const {
  const BinaryOp *o = other.getAs<BinaryOp>();
  return o && o->type == type && o->a->deepEquals(*a) && o->b->deepEquals(*b);
}

void BinaryOp::print(std::ostream &os, unsigned indent,
                     bool prettyPrint) const {
  printCall(os, detail::opName(type), {a.get(), b.get()}, indent, prettyPrint);
}

std::unique_ptr<Expr> TernaryOp::clone() const {
  return std::make_unique<TernaryOp>(type, *a, *b, *c);
}

std::string TernaryOp::name(const std::vector<poplar::Tensor> &inputs) const {
  return detail::opName(type) + "_" + exprName(inputs);
}

bool TernaryOp::deepEquals(const Expr &other) const {
  const TernaryOp *o = other.getAs<TernaryOp>();
  return o && o->type == type && o->a->deepEquals(*a) && o->b->deepEquals(*b) &&
         o->c->deepEquals(*c);
}

void TernaryOp::print(std::ostream &os, unsigned indent,
                      bool prettyPrint) const {
  printCall(os, detail::opName(type), {a.get(), b.get(), c.get()}, indent,
            prettyPrint);
}

} // namespace expr
} // namespace popops
