// File → Export Dataset…: the project lead picks a format (LeRobot v3.0 or HDF5), a new folder
// and the frame rate; the export runs on a worker (core's runExport: approved, consented
// episodes only; leads and admins only) with progress, the stage and an ETA, and can be
// cancelled (nothing that looks like a dataset is left). The result names what was written
// and which episodes were left out and why. GUI thread.
#pragma once

#include <QDialog>
#include <QElapsedTimer>

#include <atomic>
#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace ts::widgets {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const QString& projectFile, const QString& user, QWidget* parent = nullptr);
    ~ExportDialog() override;

    QComboBox* format() const { return format_; }
    QLineEdit* destination() const { return out_; }
    QPlainTextEdit* report() const { return report_; }
    bool running() const { return running_; }

public slots:
    void startExport();
    void cancelExport();

signals:
    void exportFinished(bool ok);

protected:
    void reject() override; // Close cancels a running export first

private:
    void preview(); // the episodes an export would take now, and the ones left out
    void progress(double fraction, const QString& stage);

    QString projectFile_, user_;
    QComboBox* format_;
    QLineEdit* out_;
    QDoubleSpinBox* fps_;
    QProgressBar* bar_;
    QLabel* stage_;
    QPlainTextEdit* report_;
    QPushButton *export_, *cancel_;
    std::shared_ptr<std::atomic<bool>> cancel_flag_;
    QElapsedTimer clock_;
    bool running_ = false;
};

} // namespace ts::widgets
